export * from "./audit.js";
export * from "./diagnostic.js";
export * from "./institution.js";
export * from "./model.js";
export * from "./municipalities.js";
export * from "./participation.js";
export * from "./review.js";
export * from "./users.js";

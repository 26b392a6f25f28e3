// Imported first by main.ts, so that the entry is held before any full collection can run.
import { keepTickShape } from "./tick-shape.js";

keepTickShape();

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import "./styles/base.css";
import "./styles/components.css";
import "./styles/cycle.css";

const root = document.getElementById("root");
if (!root) {
  throw new Error("Falta el elemento #root en index.html.");
}
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { NavListItem } from "../../ui/NavListItem";

const LINKS = [
  { to: "/acompanamiento", label: "Acciones", end: true },
  { to: "/acompanamiento/sugerencias", label: "Sugerencias" },
  { to: "/acompanamiento/acuerdos", label: "Acuerdos" },
  { to: "/acompanamiento/efectividad", label: "¿Funcionó?" },
];

/** The sections of "Acompañamiento" for staff. */
export function SupportNav() {
  return (
    <nav className="support-nav" aria-label="Secciones de acompañamiento">
      <ul className="support-nav__list">
        {LINKS.map((link) => (
          <NavListItem key={link.to} link={link} className="support-nav__link" />
        ))}
      </ul>
    </nav>
  );
}

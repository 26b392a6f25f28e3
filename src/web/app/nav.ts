import type { SessionUser } from "../../contracts/auth.js";

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** A group of secondary links, shown as one menu button in the navigation bar. */
export interface NavGroup {
  label: string;
  items: NavItem[];
}

export type NavEntry = NavItem | NavGroup;

export function isNavGroup(entry: NavEntry): entry is NavGroup {
  return "items" in entry;
}

const ANNOUNCEMENTS: NavItem = { to: "/avisos", label: "Avisos" };

const PUBLIC_NAV: NavItem[] = [
  { to: "/publico", label: "Avance municipal" },
  { to: "/modelo", label: "Modelo", end: true },
  { to: "/municipios", label: "Municipios", end: true },
  { to: "/datos-abiertos", label: "Datos abiertos" },
];

const ADMIN_NAV: NavGroup = {
  label: "Administración",
  items: [
    { to: "/usuarios", label: "Usuarios" },
    { to: "/importar", label: "Importar XLSX" },
    { to: "/revisores", label: "Revisores" },
    { to: "/modelo/editor", label: "Editor del modelo" },
    { to: "/institucion", label: "Institución" },
    { to: "/bitacora", label: "Bitácora" },
    { to: "/correo-saliente", label: "Correo saliente" },
  ],
};

const ANALYSIS_NAV: NavGroup = {
  label: "Análisis",
  items: [
    { to: "/brechas", label: "Brechas" },
    { to: "/indicadores", label: "Indicadores" },
    ANNOUNCEMENTS,
  ],
};

const MY_WORK: NavItem = { to: "/mi-trabajo", label: "Mi trabajo" };

const STAFF_NAV: NavItem[] = [
  MY_WORK,
  { to: "/tablero", label: "Tablero" },
  { to: "/revision", label: "Revisión" },
  { to: "/convenios", label: "Convenios" },
  { to: "/acompanamiento", label: "Acompañamiento" },
];

/**
 * The main navigation of a person (null: a visitor). Staff see their daily work first and the
 * public portal and administration as menus, so the bar stays one row on a 1366 px screen;
 * municipal people and visitors have few enough links to show them all.
 */
export function navFor(user: Pick<SessionUser, "role" | "municipality"> | null): NavEntry[] {
  if (user?.municipality) {
    return [
      MY_WORK,
      { to: `/municipios/${user.municipality.cvegeo}`, label: "Mi municipio" },
      { to: `/municipios/${user.municipality.cvegeo}/colaboradores`, label: "Colaboradores" },
      ANNOUNCEMENTS,
      { to: "/acompanamiento", label: "Acompañamiento" },
      ...PUBLIC_NAV,
    ];
  }
  const portal: NavGroup = { label: "Portal", items: PUBLIC_NAV };
  if (user?.role === "admin") {
    return [...STAFF_NAV, ANALYSIS_NAV, portal, ADMIN_NAV];
  }
  if (user?.role === "reviewer") {
    return [...STAFF_NAV, ANALYSIS_NAV, portal];
  }
  return PUBLIC_NAV;
}

/** Whether a group holds the page at `pathname` (its button is then marked as current). */
export function groupHolds(group: NavGroup, pathname: string): boolean {
  return group.items.some((item) =>
    item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`),
  );
}

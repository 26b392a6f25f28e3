/**
 * The base of the absolute links in e-mails (MRTM_PUBLIC_URL). Set once when the app is built;
 * `notify` runs inside other features' transactions, which do not carry the configuration.
 */
let publicUrl = "http://localhost:3000";

export function setPublicUrl(url: string): void {
  publicUrl = url.replace(/\/+$/, "");
}

/** `/herramientas/…` → `https://mrtm.example.org/herramientas/…`. */
export function absoluteLink(path: string): string {
  return `${publicUrl}${path.startsWith("/") ? path : `/${path}`}`;
}

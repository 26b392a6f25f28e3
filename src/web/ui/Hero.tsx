import type { ReactNode } from "react";
import { Link } from "react-router";

/** A button of the hero: one may be primary, the page's first step; the rest are secondary. */
export interface HeroLink {
  to: string;
  label: string;
  primary?: boolean;
}

/**
 * The opening of a home page: its title, what the site is for, a line of figures once they are
 * known (`meta`), and the buttons to where visitors go next.
 */
export function Hero({
  id,
  title,
  lead,
  meta,
  links,
}: {
  /** The title's id, which names the section. */
  id: string;
  title: ReactNode;
  lead: ReactNode;
  meta?: ReactNode;
  links: readonly HeroLink[];
}) {
  return (
    <section className="hero" aria-labelledby={id}>
      <h1 id={id} className="hero__title">
        {title}
      </h1>
      <p className="hero__lead">{lead}</p>
      {meta ? <p className="hero__meta">{meta}</p> : null}
      <div className="button-row">
        {links.map((link) => (
          <Link
            key={link.to}
            to={link.to}
            className={link.primary ? "button button--primary" : "button button--secondary"}
          >
            {link.label}
          </Link>
        ))}
      </div>
    </section>
  );
}

import { NavLink } from "react-router";

/** A link of a navigation list; `end` marks it current on its own path only, not below it. */
export interface NavTarget {
  to: string;
  label: string;
  end?: boolean;
}

/** One entry of a navigation list: the link marks itself when it is the current page. */
export function NavListItem({ link, className }: { link: NavTarget; className: string }) {
  return (
    <li>
      <NavLink to={link.to} end={link.end} className={className}>
        {link.label}
      </NavLink>
    </li>
  );
}

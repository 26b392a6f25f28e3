import { type ReactNode, useEffect } from "react";

const APP_SHORT_NAME = "MRTM";

/** Sets the document title: "Usuarios · MRTM". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_SHORT_NAME}` : APP_SHORT_NAME;
  }, [title]);
}

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}

/** The page's one <h1>, its document title, and an optional lead and actions. */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  usePageTitle(title);
  return (
    <div className="spread-row page-header">
      <div className="page-header__text">
        <h1 className="page-header__title">{title}</h1>
        {description ? <div className="page-header__description">{description}</div> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}

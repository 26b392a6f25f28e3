import type { ReactNode } from "react";
import { type HeadColumns, TableHead } from "./TableHead";

interface TableProps {
  /** What the table holds; read by screen readers only unless `showCaption`. */
  caption: ReactNode;
  showCaption?: boolean;
  columns: HeadColumns;
  /** Classes after "table": `table--stack`, `table--compact`, a feature's own. */
  className?: string;
  id?: string;
  /** The body's rows. */
  children: ReactNode;
}

/** A data table in its scrolling wrapper: caption, head row and the rows given. */
export function Table({
  caption,
  showCaption = false,
  columns,
  className,
  id,
  children,
}: TableProps) {
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : "table"} id={id}>
        <caption className={showCaption ? undefined : "visually-hidden"}>{caption}</caption>
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

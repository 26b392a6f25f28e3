/** A column heading of a table. */
export interface HeadColumn {
  label: string;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** Read by screen readers only (a column of bars). */
  hidden?: boolean;
}

/** The columns of a head row: a plain heading, or null to leave a column out. */
export type HeadColumns = readonly (HeadColumn | string | null)[];

/** The last column of a list whose rows have buttons: named for screen readers only. */
export const ACTIONS_COLUMN: HeadColumn = { label: "Acciones", hidden: true };

/** A numeric column heading. */
export const numeric = (label: string): HeadColumn => ({ label, numeric: true });

/** A table's head row; `null` leaves a column out. */
export function TableHead({ columns }: { columns: HeadColumns }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          if (column === null) {
            return null;
          }
          const { label, numeric, hidden } =
            typeof column === "string" ? { label: column } : column;
          return (
            <th key={label} scope="col" className={numeric ? "numeric" : undefined}>
              {hidden ? <span className="visually-hidden">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

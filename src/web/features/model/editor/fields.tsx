import { type ComponentProps, createContext, useContext } from "react";
import { Button } from "../../../ui/Button";
import { Field } from "../../../ui/Field";
import { fieldId, type ListPlace } from "./draft";

/** The problems of the working copy, by path (`dimensions.0.tools.1.name` → message). */
export const IssuesContext = createContext<ReadonlyMap<string, string>>(new Map());

export function useIssue(path: string): string | undefined {
  return useContext(IssuesContext).get(path);
}

/** How many problems lie under a path (a tool, a dimension). */
export function useIssueCount(prefix: string): number {
  const issues = useContext(IssuesContext);
  let count = 0;
  for (const path of issues.keys()) {
    if (path === prefix || path.startsWith(`${prefix}.`)) {
      count++;
    }
  }
  return count;
}

/**
 * Binds an editor of one property of a draft object: the property's issue path and value, and the
 * change that replaces just that property. `const field = propertyOf(path, tool, onChange)`, then
 * `<TextInput {...field("name")} label="Nombre" />`.
 */
export function propertyOf<T>(path: string, object: T, onChange: (next: T) => void) {
  return <K extends keyof T & string>(key: K) => ({
    path: `${path}.${key}`,
    value: object[key],
    onChange: (value: T[K]) => onChange({ ...object, [key]: value }),
  });
}

interface TextProps {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  multiline?: boolean;
  maxLength?: number;
  className?: string;
  required?: boolean;
}

/** A field of the working copy at `path`: the control's id and the problem found there. */
function PathField({
  path,
  children,
  ...props
}: Omit<ComponentProps<typeof Field>, "id" | "error"> & { path: string }) {
  return (
    <Field {...props} error={useIssue(path)} id={fieldId(path)}>
      {children}
    </Field>
  );
}

export function TextInput({
  path,
  label,
  value,
  onChange,
  hint,
  multiline,
  maxLength = 200,
  className,
  required,
}: TextProps) {
  const Control = multiline ? "textarea" : "input";
  return (
    <PathField path={path} label={label} hint={hint} className={className} required={required}>
      {(control) => (
        <Control
          {...control}
          className="input"
          rows={multiline ? 3 : undefined}
          maxLength={maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </PathField>
  );
}

/** A section's or a question's key, the name its answers are stored under. */
export function KeyInput(props: Pick<TextProps, "path" | "value" | "onChange">) {
  return <TextInput {...props} label="Clave" hint="Minúsculas, números y «_»." maxLength={40} />;
}

interface NumberProps {
  path: string;
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number | "any";
  hint?: string;
  className?: string;
}

/** A number field; an empty or unreadable entry is kept as NaN and reported as an issue. */
export function NumberInput({
  path,
  label,
  value,
  onChange,
  min,
  max,
  step = "any",
  hint,
  className,
}: NumberProps) {
  return (
    <PathField path={path} label={label} hint={hint} className={className} required>
      {(control) => (
        <input
          {...control}
          className="input input--number"
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={Number.isFinite(value) ? value : ""}
          onChange={(event) => onChange(event.target.valueAsNumber)}
        />
      )}
    </PathField>
  );
}

interface Identity {
  code: string;
  name: string;
  weight: number;
  description: string;
}

interface IdentityFieldsProps<T extends Identity> {
  /** Path of the dimension or tool, e.g. `dimensions.0.tools.2`. */
  path: string;
  value: T;
  onChange: (value: T) => void;
}

/** Code, name, weight and description of a dimension or a tool. */
export function IdentityFields<T extends Identity>({
  path,
  value,
  onChange,
}: IdentityFieldsProps<T>) {
  const field = propertyOf(path, value, onChange);
  return (
    <>
      <div className="form-grid form-grid--code-name-weight">
        <TextInput
          path={`${path}.code`}
          label="Clave"
          maxLength={10}
          value={value.code}
          onChange={(code) => onChange({ ...value, code: code.toUpperCase() })}
          required
        />
        <TextInput {...field("name")} label="Nombre" required />
        <NumberInput {...field("weight")} label="Peso" min={0} max={1000} />
      </div>
      <TextInput {...field("description")} label="Descripción" multiline maxLength={4000} />
    </>
  );
}

const ORDER_LABELS = { up: "↑ Subir", down: "↓ Bajar", remove: "Quitar" };

interface OrderButtonsProps extends ListPlace {
  /** Name of the item for accessible names, e.g. "la dimensión D1" or "E3". */
  owner: string;
  /** Visible texts of the buttons where they say more than «↑ Subir», «↓ Bajar», «Quitar». */
  labels?: Partial<typeof ORDER_LABELS>;
}

/** Move up, move down and remove buttons of a dimension or a tool. */
export function OrderButtons({ index, count, owner, labels, onMove, onRemove }: OrderButtonsProps) {
  const { up, down, remove } = { ...ORDER_LABELS, ...labels };
  return (
    <>
      <Button
        size="small"
        disabled={index === 0}
        onClick={() => onMove(-1)}
        aria-label={`Subir ${owner}`}
      >
        {up}
      </Button>
      <Button
        size="small"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
        aria-label={`Bajar ${owner}`}
      >
        {down}
      </Button>
      <Button size="small" variant="danger" onClick={onRemove} aria-label={`Quitar ${owner}`}>
        {remove}
      </Button>
    </>
  );
}

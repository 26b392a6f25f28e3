import type { ReactNode } from "react";

interface RadioChoiceProps {
  /** The group's name: one of its choices is checked at a time. */
  name: string;
  checked: boolean;
  onSelect: () => void;
  value?: string | number;
  disabled?: boolean;
  /** The words of the choice, after its button. */
  children: ReactNode;
}

/** One choice of a group of radio buttons: the button and its words in one label. */
export function RadioChoice({
  name,
  checked,
  onSelect,
  value,
  disabled,
  children,
}: RadioChoiceProps) {
  return (
    <label className="choice">
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={onSelect}
      />
      {children}
    </label>
  );
}

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
export function RadioChoice({ onSelect, children, ...input }: RadioChoiceProps) {
  return (
    <label className="choice">
      <input type="radio" {...input} onChange={onSelect} />
      {children}
    </label>
  );
}

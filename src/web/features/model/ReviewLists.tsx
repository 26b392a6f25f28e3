import type { Tool } from "../../../domain/model.js";

/** What a review checks: a tool's criteria, in the model's order. */
export function CriteriaList({ criteria }: { criteria: Tool["criteria"] }) {
  return (
    <ul className="check-list">
      {criteria.map((criterion) => (
        <li key={criterion.code}>{criterion.name}</li>
      ))}
    </ul>
  );
}

/** A tool's maturity levels, numbered as the model numbers them. */
export function LevelList({ levels }: { levels: Tool["maturityLevels"] }) {
  return (
    <ol className="level-list">
      {levels.map((level) => (
        <li key={level.level}>
          <span className="level-list__number">{level.level}</span> {level.name}
        </li>
      ))}
    </ol>
  );
}

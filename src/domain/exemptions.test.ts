import { describe, expect, it } from "vitest";
import { exemptionProblem, liftProblem, withoutExemptTools } from "./exemptions.js";
import { scoreMunicipality } from "./scores.js";
import { instance, SMALL_MODEL, TODAY } from "./test-fixtures.js";

describe("exemptionProblem and liftProblem", () => {
  it("requires a reason and refuses a second exemption", () => {
    expect(exemptionProblem(false, "No tiene organismos descentralizados")).toBeNull();
    expect(exemptionProblem(false, " ")?.code).toBe("exemption_reason_required");
    expect(exemptionProblem(true, "Otra")?.code).toBe("exemption_already_active");
  });

  it("lifts only an exemption in force", () => {
    expect(liftProblem(true)).toBeNull();
    expect(liftProblem(false)?.code).toBe("exemption_not_active");
  });
});

describe("withoutExemptTools", () => {
  const instances = [
    instance({ toolCode: "E1", state: "validated", firstSubmittedOn: "2022-11-16" }),
    instance({ toolCode: "E2" }),
    instance({ toolCode: "R2", deadline: "2023-11-16" }),
  ];

  it("takes an exempt tool out of the index's denominator and of on time", () => {
    const before = scoreMunicipality(SMALL_MODEL, instances, TODAY);
    const exempt = withoutExemptTools(SMALL_MODEL, instances, new Set(["E2"]));
    const after = scoreMunicipality(exempt.model, exempt.instances, TODAY);
    // E: E1 validated, E2 pending → 50 %; with E2 exempt, E is E1 alone → 100 %.
    expect(before.dimensions.find((d) => d.code === "E")?.score).toBe(0.5);
    expect(after.dimensions.find((d) => d.code === "E")?.score).toBe(1);
    expect(after.tools.map((tool) => tool.code)).not.toContain("E2");
    expect(after.onTime.due).toBe(before.onTime.due - 1);
  });

  it("drops a dimension whose every tool is exempt", () => {
    const exempt = withoutExemptTools(SMALL_MODEL, instances, new Set(["R2"]));
    expect(exempt.model.dimensions.map((d) => d.code)).toEqual(["E"]);
    expect(scoreMunicipality(exempt.model, exempt.instances, TODAY).index).toBe(0.5);
  });

  it("changes nothing without exemptions", () => {
    expect(withoutExemptTools(SMALL_MODEL, instances, new Set())).toEqual({
      model: SMALL_MODEL,
      instances,
    });
  });
});

import { describe, expect, it } from "vitest";
import {
  type ActionDetails,
  type ActionLists,
  actionChanges,
  sameSet,
} from "./support-action-edits.js";
import { zonedInstant } from "./support-actions.js";

const action: ActionDetails = {
  type: "training",
  title: "Capacitación en transparencia proactiva",
  description: "",
  startsAt: zonedInstant("2026-03-10", "10:00"),
  durationMinutes: 120,
  modality: "in_person",
  place: "Sala de juntas",
  link: null,
};
const lists: ActionLists = {
  facilitatorIds: ["u-1", "u-2"],
  tools: ["P1", "R2"],
  invited: ["15106"],
};

describe("actionChanges", () => {
  it("finds no change in an edit that sends what the action already has", () => {
    const result = actionChanges(action, lists, {
      title: action.title,
      date: "2026-03-10",
      time: "10:00",
      place: "Sala de juntas",
      link: "",
      tools: ["R2", "P1", "P1"],
      invited: ["15106"],
    });
    expect(result.changed).toEqual([]);
    expect(result.lists).toEqual({});
    expect(result.next).toEqual(action);
  });

  it("lists what changed, fields first and then lists, and only the lists that change", () => {
    const result = actionChanges(action, lists, {
      modality: "hybrid",
      title: "Taller de transparencia proactiva",
      time: "12:30",
      link: "https://reuniones.example/taller",
      facilitatorIds: ["u-2", "u-1"],
      invited: ["15106", "15001"],
    });
    expect(result.changed).toEqual(["title", "modality", "startsAt", "link", "invited"]);
    expect(result.lists).toEqual({ invited: ["15106", "15001"] });
    expect(result.next).toEqual({
      ...action,
      title: "Taller de transparencia proactiva",
      modality: "hybrid",
      startsAt: zonedInstant("2026-03-10", "12:30"),
      link: "https://reuniones.example/taller",
    });
  });

  it("moves the start keeping the time not sent, in the institution's time zone", () => {
    const { next, changed } = actionChanges(action, lists, { date: "2026-04-02" });
    expect(next.startsAt.toISOString()).toBe("2026-04-02T16:00:00.000Z");
    expect(changed).toEqual(["startsAt"]);
  });

  it("clears the place with an empty value or null, and keeps it when not sent", () => {
    expect(actionChanges(action, lists, { place: "" }).next.place).toBeNull();
    expect(actionChanges(action, lists, { place: null }).changed).toEqual(["place"]);
    expect(actionChanges(action, lists, { durationMinutes: 90 }).next.place).toBe("Sala de juntas");
  });

  it("counts facilitators and tools sent as different sets", () => {
    const result = actionChanges(action, lists, { facilitatorIds: ["u-1"], tools: ["P1", "R2"] });
    expect(result.changed).toEqual(["facilitators"]);
    expect(result.lists).toEqual({ facilitatorIds: ["u-1"] });
  });
});

describe("sameSet", () => {
  it("ignores order and repeats", () => {
    expect(sameSet(["a", "b", "b"], ["b", "a"])).toBe(true);
    expect(sameSet(["a"], ["a", "b"])).toBe(false);
    expect(sameSet([], [])).toBe(true);
  });
});

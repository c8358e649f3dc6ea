import fc from "fast-check";
import { FieldValueError } from "./errors";
import { MAX_KEYWORDS } from "./fieldValues";
import { DEFAULT_SCHEMA } from "./schema";
import { applyOps, invertOps, planTagging, planUndo } from "./tagging";
import { contact } from "./testContacts";

describe("applyOps", () => {
  it("adds a keyword next to the existing ones, skipping a case-insensitive duplicate", () => {
    const f = { IntendedProducts: ["Widget", "服务器"] };
    expect(applyOps(f, [{ op: "addKeyword", field: "IntendedProducts", value: "Gizmo" }]).IntendedProducts).toEqual(["Widget", "服务器", "Gizmo"]);
    expect(applyOps(f, [{ op: "addKeyword", field: "IntendedProducts", value: "WIDGET" }]).IntendedProducts).toEqual(["Widget", "服务器"]);
  });
  it("removes every case variant; an emptied list becomes null; the input is not mutated", () => {
    const f = { IntendedProducts: ["Widget", "widget", "Gizmo"] };
    expect(applyOps(f, [{ op: "removeKeyword", field: "IntendedProducts", value: "WIDGET" }]).IntendedProducts).toEqual(["Gizmo"]);
    expect(applyOps({ IntendedProducts: ["a"] }, [{ op: "removeKeyword", field: "IntendedProducts", value: "A" }]).IntendedProducts).toBeNull();
    expect(f.IntendedProducts).toHaveLength(3);
  });
  it("sets and clears", () => {
    const out = applyOps({ Owner: "a@x.com", CustomerTier: "key" }, [
      { op: "set", field: "Owner", value: "b@x.com" },
      { op: "clear", field: "CustomerTier" },
    ]);
    expect(out).toEqual({ Owner: "b@x.com", CustomerTier: null });
  });
});

describe("planTagging", () => {
  const a = contact({ id: "a", fields: { IntendedProducts: ["Widget"], CustomerTier: "key" } });
  const b = contact({ id: "b", fields: { IntendedProducts: ["Gizmo"], CustomerTier: "regular" } });
  const c = contact({ id: "c", fields: {} });

  it("plans field-level ops per contact and skips contacts the change would not alter", () => {
    const plan = planTagging([a, b, c], DEFAULT_SCHEMA, { set: { CustomerTier: "key" }, addKeywords: { IntendedProducts: ["widget"] } });
    expect(plan.unchanged).toEqual(["a"]);
    expect(plan.plans.map((p) => [p.contactId, p.ops])).toEqual([
      ["b", [{ op: "set", field: "CustomerTier", value: "key" }, { op: "addKeyword", field: "IntendedProducts", value: "widget" }]],
      ["c", [{ op: "set", field: "CustomerTier", value: "key" }, { op: "addKeyword", field: "IntendedProducts", value: "widget" }]],
    ]);
    expect(plan.plans[0]?.after).toEqual({ CustomerTier: "key", IntendedProducts: ["Gizmo", "widget"] });
  });

  it("validates the change before planning anything", () => {
    expect(() => planTagging([a], DEFAULT_SCHEMA, { set: { CustomerTier: "gold" } })).toThrow(FieldValueError);
    expect(() => planTagging([a], DEFAULT_SCHEMA, { set: { Owner: "x".repeat(10_000) } })).toThrow(FieldValueError);
    expect(() => planTagging([a], DEFAULT_SCHEMA, { addKeywords: { Owner: ["x"] } })).toThrow(FieldValueError);
    expect(() => planTagging([a], DEFAULT_SCHEMA, { clear: ["Nope"] })).toThrow(FieldValueError);
  });

  it("refuses a contact whose keyword list would exceed the limit, without refusing the others", () => {
    const full = contact({ id: "full", fields: { IntendedProducts: Array.from({ length: MAX_KEYWORDS }, (_, i) => `p${i}`) } });
    const plan = planTagging([full, c], DEFAULT_SCHEMA, { addKeywords: { IntendedProducts: ["new"] } });
    expect(plan.refused).toEqual([{ contactId: "full", code: "tooManyKeywords", field: "IntendedProducts" }]);
    expect(plan.plans.map((p) => p.contactId)).toEqual(["c"]);
  });
});

describe("undo", () => {
  it("undo of removing keywords restores the original order, whichever were removed and in whatever order", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom("A", "B", "C", "D", "E", "服务器", "路由器"), { minLength: 1 }),
        fc.func(fc.boolean()),
        fc.boolean(),
        (list, pick, reversed) => {
          const removed = list.filter((k) => pick(k));
          const order = reversed ? [...removed].reverse() : removed;
          const a = contact({ id: "a", fields: { IntendedProducts: list } });
          const plan = planTagging([a], DEFAULT_SCHEMA, { removeKeywords: { IntendedProducts: order.map((k) => k.toLowerCase()) } });
          if (removed.length === 0) return plan.plans.length === 0;
          const [undo] = planUndo(plan);
          expect(applyOps(plan.plans[0]!.after, undo!.ops).IntendedProducts).toEqual(list);
          return true;
        },
      ),
    );
  });
  it("a removed keyword whose neighbour is gone meanwhile comes back last; others keep their places", () => {
    const a = contact({ id: "a", fields: { IntendedProducts: ["Widget", "Gizmo", "Router"] } });
    const plan = planTagging([a], DEFAULT_SCHEMA, { removeKeywords: { IntendedProducts: ["gizmo"] } });
    const [undo] = planUndo(plan);
    expect(applyOps({ IntendedProducts: ["Widget", "Router"] }, undo!.ops).IntendedProducts).toEqual(["Widget", "Gizmo", "Router"]);
    // A colleague removed Router in between: Gizmo is added at the end.
    expect(applyOps({ IntendedProducts: ["Widget", "Switch"] }, undo!.ops).IntendedProducts).toEqual(["Widget", "Switch", "Gizmo"]);
  });
  it("restores set/cleared values and removes only the keywords that were added", () => {
    const a = contact({ id: "a", fields: { IntendedProducts: ["Widget"], CustomerTier: "regular", Owner: "me@x.com" } });
    const plan = planTagging([a], DEFAULT_SCHEMA, { set: { CustomerTier: "key" }, clear: ["Owner"], addKeywords: { IntendedProducts: ["Gizmo", "widget"] } });
    const [undo] = planUndo(plan);
    // Meanwhile a colleague added "Router": the undo must keep it.
    const concurrent = { ...plan.plans[0]!.after, IntendedProducts: ["Widget", "Gizmo", "Router"] };
    expect(applyOps(concurrent, undo!.ops)).toEqual({ IntendedProducts: ["Widget", "Router"], CustomerTier: "regular", Owner: "me@x.com" });
  });
  it("re-adds removed keywords in their original spelling and clears fields that were empty", () => {
    const before = { IntendedProducts: ["Widget", "Gizmo"], NextContact: null };
    const ops = [
      { op: "removeKeyword" as const, field: "IntendedProducts", value: "widget" },
      { op: "set" as const, field: "NextContact", value: "2026-12-01T00:00:00.000Z" },
    ];
    const inverse = invertOps(before, ops);
    expect(inverse).toEqual([
      { op: "addKeyword", field: "IntendedProducts", value: "Widget", before: "Gizmo" },
      { op: "clear", field: "NextContact" },
    ]);
    // Back in its original place (it used to come back last: Gizmo, Widget).
    expect(applyOps(applyOps(before, ops), inverse)).toEqual({ IntendedProducts: ["Widget", "Gizmo"], NextContact: null });
  });
  it("after a whole-value set of a keywords field, undo restores the whole previous list", () => {
    const before = { IntendedProducts: ["A"] };
    const ops = [{ op: "set" as const, field: "IntendedProducts", value: ["B"] }, { op: "addKeyword" as const, field: "IntendedProducts", value: "C" }];
    expect(applyOps(applyOps(before, ops), invertOps(before, ops))).toEqual(before);
  });
});

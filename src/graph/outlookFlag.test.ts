import { fromOutlookFlagProperties, OUTLOOK_FLAG_PROPERTY_IDS, toOutlookFlagProperties } from "./outlookFlag";

test("flagged: status 2, red icon, time-flagged, 'Follow up', start/due on the task and common dates, second precision", () => {
  const props = toOutlookFlagProperties({ status: "flagged", start: "2026-03-02T01:00:00.123Z", due: "2026-03-05T16:00:00.000Z" });
  const byId = new Map(props.map((p) => [p.id, p.value]));
  const P = OUTLOOK_FLAG_PROPERTY_IDS;
  expect(byId.get(P.flagStatus)).toBe("2");
  expect(byId.get(P.followupIcon)).toBe("6");
  expect(byId.get(P.toDoItemFlags)).toBe("1");
  expect(byId.get(P.flagRequest)).toBe("Follow up");
  expect(byId.get(P.flagString)).toBe("110");
  expect(byId.get(P.taskStartDate)).toBe("2026-03-02T01:00:00Z");
  expect(byId.get(P.taskDueDate)).toBe("2026-03-05T16:00:00Z");
  expect(byId.get(P.commonEnd)).toBe("2026-03-05T16:00:00Z");
  expect(byId.get(P.taskComplete)).toBe("false");
  expect(fromOutlookFlagProperties(props)).toEqual({ status: "flagged", start: "2026-03-02T01:00:00Z", due: "2026-03-05T16:00:00Z" });
});

test("flagged without a due date writes no due properties; complete and none round-trip", () => {
  const noDue = toOutlookFlagProperties({ status: "flagged", start: "2026-03-02T01:00:00Z" });
  expect(noDue.some((p) => p.id === OUTLOOK_FLAG_PROPERTY_IDS.taskDueDate)).toBe(false);
  const done = toOutlookFlagProperties({ status: "complete", completedAt: "2026-03-02T01:00:00Z" });
  expect(fromOutlookFlagProperties(done)).toEqual({ status: "complete", completedAt: "2026-03-02T01:00:00Z" });
  expect(fromOutlookFlagProperties(toOutlookFlagProperties({ status: "none" }))).toEqual({ status: "none" });
  expect(fromOutlookFlagProperties([])).toEqual({ status: "none" });
});

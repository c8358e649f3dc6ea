import { DialogPortError } from "../auth";
import { OfficeError } from "../office";
import { createOfficeDialogPort } from "./createOfficeDialogPort";
import { createFakeOfficeHost } from "./testing/fakeServices";

it("passes messages through and maps OfficeError to the auth port's numeric codes", async () => {
  const office = createFakeOfficeHost({ sets: { naa: true } });
  const messages = ["hello"];
  office.openDialog = async () => ({
    nextMessage: async () => {
      const m = messages.shift();
      if (m !== undefined) return m;
      throw new OfficeError("DialogClosed", "closed", { officeCode: 12006 });
    },
    close: () => undefined,
  });
  const port = createOfficeDialogPort(office);
  expect(port.isNestedAppAuthSupported()).toBe(true);
  const d = await port.openDialog("https://localhost:3000/signin.html", { height: 60, width: 30 });
  await expect(d.nextMessage()).resolves.toBe("hello");
  const err = await d.nextMessage().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DialogPortError);
  expect((err as DialogPortError).code).toBe(12006);
});

it("maps a failure to open (popup blocked) to its Office code", async () => {
  const office = createFakeOfficeHost();
  office.openDialog = () => Promise.reject(new OfficeError("DialogBlocked", "blocked", { officeCode: 12011 }));
  const port = createOfficeDialogPort(office);
  await expect(port.openDialog("https://x/", { height: 1, width: 1 })).rejects.toMatchObject({ code: 12011 });
});

import {
  isMultiSelectSupported,
  isNestedAppAuthSupported,
  isPinningSupported,
  isRestIdConversionSupported,
} from "./capabilities";
import { installOffice, requirements, uninstallOffice } from "./testing/mockOffice";

afterEach(uninstallOffice);

it("answers from the host's requirement sets", () => {
  installOffice({ context: { requirements: requirements({ Mailbox: "1.13", NestedAppAuth: "1.1" }) } });
  expect(isMultiSelectSupported()).toBe(true);
  expect(isPinningSupported()).toBe(true);
  expect(isRestIdConversionSupported()).toBe(true);
  expect(isNestedAppAuthSupported()).toBe(true);
});

it("gates multi-select on Mailbox 1.13", () => {
  installOffice({ context: { requirements: requirements({ Mailbox: "1.12" }) } });
  expect(isMultiSelectSupported()).toBe(false);
  expect(isPinningSupported()).toBe(true);
  expect(isNestedAppAuthSupported()).toBe(false);
});

it("is false everywhere without office.js or when isSetSupported throws", () => {
  expect(isMultiSelectSupported()).toBe(false);
  installOffice({ context: { requirements: { isSetSupported: () => { throw new Error("x"); } } } });
  expect(isNestedAppAuthSupported()).toBe(false);
});

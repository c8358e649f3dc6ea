/** Shared set-up for the Today / Pool / settings component tests (not a test file itself). */
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider, type Services } from "../../app";
import { createMemoryHistoryStore, createSalesService, type SalesService, type VisitPlanStore } from "../../app/sales";
import { createMemoryVisitPlanStore } from "../../app/sales/visitPlanner";
import { createFakeServices, type FakeServicesOptions } from "../../app/testing/fakeServices";
import type { Contact, Locale } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";

export const NOW = new Date("2026-03-02T01:00:00Z"); // 09:00 in Shanghai
export const TZ = "Asia/Shanghai";
export const DAY = 86_400_000;
export const ME = "zhang.wei@contoso.com";
export const iso = (ms: number) => new Date(ms).toISOString();

let seq = 0;
export function customer(name: string, fields: Contact["fields"], extra: Partial<Contact> = {}): Contact {
  seq++;
  return { id: `c${seq}`, displayName: name, emailAddresses: [{ address: `c${seq}@example.com` }], categories: [], fields, ...extra };
}

/** Fake services with a real SalesService over the fake contacts and Office host (no Graph: clientFor throws). */
export function setup(o: FakeServicesOptions & { sales?: Partial<SalesService>; visitPlans?: VisitPlanStore } = {}): Services & { sales: SalesService } {
  const services = createFakeServices({ user: { emailAddress: ME, displayName: "Zhang Wei" }, ...o });
  const real = createSalesService({
    contacts: services.contacts,
    teamMembers: async () => [],
    me: ME,
    displayName: "Zhang Wei",
    demo: true,
    office: services.office,
    clientFor: () => {
      throw new Error("no Graph in component tests");
    },
    now: () => NOW,
    timeZone: TZ,
    history: createMemoryHistoryStore(),
    visitPlans: o.visitPlans ?? createMemoryVisitPlanStore(),
  });
  return Object.assign(services, { sales: { ...real, ...o.sales } });
}

export function renderWith(ui: ReactElement, services: Services, locale: Locale = "en-US") {
  return render(
    <ServicesProvider services={services}>
      <I18nextProvider i18n={createI18n(locale)}>{ui}</I18nextProvider>
    </ServicesProvider>,
  );
}

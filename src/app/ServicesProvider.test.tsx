import { render, screen } from "@testing-library/react";
import { ServicesProvider, useServices } from "./ServicesProvider";
import { createFakeServices } from "./testing/fakeServices";

function WhoAmI() {
  const { environment } = useServices();
  return <p>{environment.user.emailAddress}</p>;
}

it("provides the services", () => {
  render(
    <ServicesProvider services={createFakeServices()}>
      <WhoAmI />
    </ServicesProvider>,
  );
  expect(screen.getByText("zhang.wei@contoso.com")).toBeInTheDocument();
});

it("throws a clear error without a provider", () => {
  const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
  expect(() => render(<WhoAmI />)).toThrow(/ServicesProvider/);
  spy.mockRestore();
});

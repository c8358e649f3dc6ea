import "@testing-library/jest-dom";

// jsdom has no ResizeObserver; Fluent's MessageBar measures itself for reflow. A no-op one: nothing is ever
// resized in jsdom, so the contact list keeps its fixed fallback height.
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

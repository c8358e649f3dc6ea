/** The demo page's layout: the bar on top, the pane below in a frame of task-pane width. */
export const FAKE_HOST_CSS = `
html, body { height: 100%; margin: 0; }
body.fo-host { display: flex; flex-direction: column; background: #e8e8e8; }
.fo-bar { flex: none; font: 12px/1.4 system-ui, sans-serif; color: #1b1b1b; background: #fff8d6;
  border-bottom: 2px dashed #b58900; padding: 4px 8px; display: flex; flex-direction: column; gap: 4px; }
.fo-title { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.fo-muted { color: #5c5c5c; }
.fo-row { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; }
.fo-row label { white-space: nowrap; max-width: 100%; min-width: 0; display: inline-flex; gap: 4px; align-items: center; }
.fo-row label select { min-width: 0; }
.fo-row select { font: inherit; max-width: 100%; }
.fo-grow { flex: 1 1 200px; display: flex; gap: 4px; align-items: center; min-width: 0; }
.fo-grow select { flex: 1; min-width: 0; }
.fo-multi-list button { align-self: flex-start; }
.fo-multi-list { max-height: 160px; overflow: auto; display: flex; flex-direction: column; gap: 2px; padding: 4px 0; }
.fo-check { flex: none; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.fo-frame { flex: 1 1 auto; min-height: 0; display: flex; justify-content: center; overflow: hidden; }
.fo-frame > #container { height: 100%; overflow: auto; box-shadow: 0 0 0 1px #c8c8c8; }
.fo-new-message { position: fixed; right: 12px; bottom: 12px; width: min(420px, calc(100vw - 24px)); max-height: 70vh;
  display: flex; flex-direction: column; background: #fff; color: #1b1b1b; font: 13px/1.4 system-ui, sans-serif;
  border: 1px solid #8a8886; box-shadow: 0 8px 24px rgba(0,0,0,.25); z-index: 1000; }
.fo-new-message-head { display: flex; justify-content: space-between; align-items: center; padding: 6px 8px;
  background: #fff8d6; border-bottom: 1px solid #c8c8c8; }
.fo-new-message dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 8px; }
.fo-new-message dt { color: #5c5c5c; }
.fo-new-message dd { margin: 0; overflow-wrap: anywhere; }
.fo-new-message-body { flex: 1; min-height: 120px; overflow: auto; padding: 8px; border-top: 1px solid #c8c8c8; }
`;

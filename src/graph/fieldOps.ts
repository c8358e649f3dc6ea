/**
 * Field-level ops are applied with the domain's applyOps (keywords merged case-insensitively, never
 * overwritten), so re-applying the same ops after a conflict or a replay converges.
 */
export { applyOps as applyFieldOps } from "../domain/tagging";

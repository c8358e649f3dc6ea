import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useReportsService, type MailItemSnapshot, type OpenReport } from "../../app";
import { MAX_COMMENT_LENGTH, SignOffError } from "../../domain/reportMessage";

export type SignOffStatus = { kind: "idle" } | { kind: "busy" } | { kind: "opened" } | { kind: "failed" } | { kind: "tooLong" };

/** The open message as a daily report or sign-off (read through Office.js), and the manager's sign-off action. */
export function useReportReview(item: MailItemSnapshot) {
  const reports = useReportsService();
  const { i18n } = useTranslation();
  const locale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const [open, setOpen] = useState<OpenReport | "loading">("loading");
  const [comment, setComment] = useState("");
  const [status, setStatus] = useState<SignOffStatus>({ kind: "idle" });
  const [signedAt, setSignedAt] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    reports.readOpenItem(item).then(
      (r) => {
        if (!live) return;
        setOpen(r);
        // A manager who already signed this report off is told so (her Sent Items, Mail.ReadBasic); best effort.
        if (r.kind === "report" && !r.mine) {
          reports.mySignOffsOf(r.subject).then(
            (at) => live && setSignedAt(at),
            () => undefined,
          );
        }
      },
      () => live && setOpen({ kind: "none" }),
    );
    return () => {
      live = false;
    };
  }, [reports, item]);

  const onCommentChange = useCallback((_e: unknown, data: { value: string }) => {
    setComment(data.value);
    setStatus((s) => (s.kind === "tooLong" && data.value.trim().length <= MAX_COMMENT_LENGTH ? { kind: "idle" } : s));
  }, []);

  const onSignOff = useCallback(async () => {
    if (open === "loading" || open.kind !== "report" || !open.from) return;
    if (comment.trim().length > MAX_COMMENT_LENGTH) {
      setStatus({ kind: "tooLong" });
      return;
    }
    setStatus({ kind: "busy" });
    try {
      await reports.signOff({ report: open.subject, to: open.from, comment, locale });
      setStatus({ kind: "opened" });
    } catch (e) {
      setStatus(e instanceof SignOffError ? { kind: "tooLong" } : { kind: "failed" });
    }
  }, [open, comment, locale, reports]);

  return { open, comment, onCommentChange, onSignOff, status, signedAt, maxComment: MAX_COMMENT_LENGTH };
}

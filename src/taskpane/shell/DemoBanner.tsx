import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

/** Always visible in the demo build, so nobody mistakes emulator data for their mailbox. */
export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="demo-banner">
      <MessageBarBody>{t("demo.banner")}</MessageBarBody>
    </MessageBar>
  );
}

// The pieces of setting up a second factor that the sign-in and account pages share.
import { useT } from "~/i18n/use-t";

/** The QR code (our own SVG, drawn on our server from the secret) and the secret as text. */
export function EnrolmentCode({ qrSvg, secret }: { qrSvg: string; secret: string }) {
  const t = useT();
  return (
    <>
      <div className="qr" role="img" aria-label={t("twoFactor.qrLabel")} dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <p>
        {t("twoFactor.secretText")} <code className="secret">{secret}</code>
      </p>
    </>
  );
}

export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <ol className="recovery-codes">
      {codes.map((code) => (
        <li key={code}>
          <code>{code}</code>
        </li>
      ))}
    </ol>
  );
}

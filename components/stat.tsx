import Link from "next/link";

type StatProps = { label: string; value: string; unit?: string; delta?: string; deltaTone?: "up" | "down"; href?: string };

/** One headline figure, with its unit and its change; a link when it leads somewhere. */
export function Stat({ label, value, unit, delta, deltaTone, href }: StatProps) {
  const body = (
    <>
      <div className="label">{label}</div>
      <div className="value">
        {value}
        {unit ? <span className="unit">{unit}</span> : null}
      </div>
      {delta ? <div className={`delta ${deltaTone ?? ""}`}>{delta}</div> : null}
    </>
  );
  return href ? (
    <Link className="stat" href={href}>
      {body}
    </Link>
  ) : (
    <div className="stat">{body}</div>
  );
}

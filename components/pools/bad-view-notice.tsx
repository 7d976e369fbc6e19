import Link from "next/link";

/** A shared address with a parameter Poolscope does not understand: say which, and offer the plain view. */
export function BadViewNotice({ message }: { message: string }) {
  return (
    <div className="notice bad" role="alert">
      <strong>This address asks for a view Poolscope cannot show.</strong> {message}.{" "}
      <Link href="/pools">Show every pool</Link>
    </div>
  );
}

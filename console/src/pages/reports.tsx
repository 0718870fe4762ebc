/** Placeholder until the reports page lands. */
export function ReportsPage() {
  return <section />;
}

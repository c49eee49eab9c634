export default async function globalTeardown(): Promise<void> {
  // Test files drop their own databases; the template stays for the next run.
}

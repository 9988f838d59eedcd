/** A numbered schema change. Each runs in one transaction that also bumps user_version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

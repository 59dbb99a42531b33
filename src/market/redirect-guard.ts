/**
 * A redirect to another origin must not carry our secrets there: got drops the cookie on such a
 * redirect, but a crumb or API key in the query string would follow the Location as given. Query
 * parameters that are credentials are removed from any cross-origin redirect target.
 */
const SECRET_PARAMS = ['crumb', 'token', 'apikey', 'api_key', 'x_cg_demo_api_key', 'x_cg_pro_api_key'];

/** The redirect target without credential parameters when it leaves `from`'s origin (same URL object, edited). */
export function stripSecretsOnCrossOrigin(from: URL, to: URL): URL {
  if (from.origin === to.origin) return to;
  for (const name of [...to.searchParams.keys()]) {
    if (SECRET_PARAMS.includes(name.toLowerCase())) to.searchParams.delete(name);
  }
  return to;
}

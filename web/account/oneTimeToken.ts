/**
 * Takes the one-time token from the page's URL, then removes it from the address bar and the history entry
 * (history.replaceState), so it is not left in history, bookmarks, or a screenshot. Links carry it in the
 * fragment (`#token=`), which browsers never send to a server; `?token=` (older mails) is read the same way.
 */
export function takeOneTimeToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  const fromQuery = new URLSearchParams(location.search).get('token');
  if (location.hash || location.search) history.replaceState(null, '', location.pathname);
  return fromHash ?? fromQuery;
}

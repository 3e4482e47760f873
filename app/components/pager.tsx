// The links under a paged list: to the next page (the same URL with `after` set to the last
// row shown) and back to the first. Plain links: they work without JavaScript.
import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export function Pager({ next, param = "after" }: { next: string | null; param?: string }) {
  const t = useT();
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  const onLaterPage = params.has(param);
  const withAfter = (value: string | null) => {
    const copy = new URLSearchParams(params);
    if (value) copy.set(param, value);
    else copy.delete(param);
    const query = copy.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  if (!next && !onLaterPage) return null;
  return (
    <nav className="pager" aria-label={t("paging.label")}>
      {onLaterPage ? <Link to={withAfter(null)}>{t("paging.first")}</Link> : null}
      {next ? (
        <Link to={withAfter(next)} rel="next">
          {t("paging.next")}
        </Link>
      ) : null}
    </nav>
  );
}

/** Previous and next links for a ranked list shown by page number (`page` in the URL). */
export function NumberedPager({ page, pages }: { page: number; pages: number }) {
  const t = useT();
  const { pathname, search } = useLocation();
  if (pages <= 1) return null;
  const to = (number: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(number));
    return `${pathname}?${params.toString()}`;
  };
  return (
    <nav className="pager" aria-label={t("paging.label")}>
      {page > 1 ? (
        <Link to={to(page - 1)} rel="prev">
          {t("paging.previous")}
        </Link>
      ) : null}
      <span>{t("paging.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={to(page + 1)} rel="next">
          {t("paging.next")}
        </Link>
      ) : null}
    </nav>
  );
}

/** A count that stopped at the cap reads "1000+". */
export function countText(value: number, cap: number): string {
  return value > cap ? `${cap}+` : String(value);
}

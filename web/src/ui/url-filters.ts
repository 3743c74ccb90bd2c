import { useSearchParams } from 'react-router';

/** A list's filters kept in the address, so a filtered view can be bookmarked and shared; an empty value removes one. */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { params, setFilter };
}

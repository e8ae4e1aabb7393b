import { useSearchParams } from 'react-router-dom';
import { filtersFrom, type ListFilters } from './rules';

/** The filters of a list or of the reports, kept in the page's URL so a reload or a shared link keeps them. */
export function useUrlFilters(): [ListFilters, (next: ListFilters) => void] {
  const [search, setSearch] = useSearchParams();
  const setFilters = (next: ListFilters) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) params.set(key, value);
    setSearch(params, { replace: true });
  };
  return [filtersFrom(search), setFilters];
}

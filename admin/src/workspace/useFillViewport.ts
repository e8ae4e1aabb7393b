import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The height that takes an element from where it starts down to the bottom of the viewport. Strapi puts
 * banners and, on narrow screens, its navigation above the content, so the top is measured, not assumed;
 * again on every resize and whenever the page's content changes size (a banner closed).
 */
export function useFillViewport(ref: RefObject<HTMLElement>) {
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const measure = () => {
      const element = ref.current;
      if (!element) return;
      const top = element.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(0, Math.floor(window.innerHeight - top)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref]);
  return height;
}

import { createContext, useContext } from 'react';
import type { SiteConfig } from './config';

/** The validated config.json, available to every page once it has loaded. */
export const ConfigContext = createContext<SiteConfig | null>(null);

export function useConfig(): SiteConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useConfig outside ConfigContext');
  return config;
}

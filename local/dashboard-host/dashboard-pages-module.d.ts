declare module 'virtual:dashboard-pages' {
  import type { ComponentType } from 'react';

  export interface HostedDashboardPage {
    id: string;
    title: string;
    route: string;
    additionalRoutes: readonly string[];
    load(): Promise<{ default: ComponentType }>;
  }
  const pages: readonly HostedDashboardPage[];
  export default pages;
}

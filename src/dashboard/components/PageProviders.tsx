import React, { type FC, type ReactNode, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { WdsProvider } from './WdsProvider';

/** What every dashboard page runs in: the Wix Design System, and one query cache for its data hooks. */
export const PageProviders: FC<{ children: ReactNode }> = ({ children }) => {
  const [queries] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 5_000 } } }),
  );
  return (
    <QueryClientProvider client={queries}>
      <WdsProvider>{children}</WdsProvider>
    </QueryClientProvider>
  );
};

import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from '../api/client';
import { keys } from '../api/queries';
import { SessionGate } from '../auth/session';
import { SignInPage } from '../pages/sign-in/sign-in.page';
import { LiveEvents } from './live-events';
import { createRouter } from './routes';

function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // Refusals and missing objects do not get better by asking again.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
  // An expired session anywhere sends the user back to the sign-in page.
  client.getQueryCache().subscribe((event) => {
    if (
      event.type === 'updated' &&
      event.action.type === 'error' &&
      event.action.error instanceof ApiError &&
      event.action.error.status === 401 &&
      (event.query.queryKey as readonly unknown[])[0] !== 'me'
    )
      client.setQueryData(keys.me, null);
  });
  return client;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionGate signIn={(health) => <SignInPage health={health} />}>
        <LiveEvents>
          <RouterProvider router={router} />
        </LiveEvents>
      </SessionGate>
    </QueryClientProvider>
  );
}

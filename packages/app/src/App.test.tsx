import { render, screen } from '@testing-library/react';
import App from './App';

// The first render loads the app's lazy pages; slow on a busy CI machine.
jest.setTimeout(30_000);

describe('App', () => {
  it('starts at the demo sign-in, which offers guest entry beside the users of the demo catalog', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole(
        'button',
        { name: 'Enter as guest' },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'MLightenment demo portal' }),
    ).toBeInTheDocument();
  });
});

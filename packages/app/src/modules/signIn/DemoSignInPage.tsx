import { useEffect, useState } from 'react';
import {
  Content,
  Header,
  Page,
  ProxiedSignInPage,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  IdentityApi,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import {
  Button,
  Card,
  CardActionArea,
  CardContent,
  Grid,
  Typography,
} from '@material-ui/core';

/** The request header the backend's demo provider reads (packages/backend/src/demoSignIn). */
const DEMO_USER_HEADER = 'x-demo-user';
/** Who this browser signed in as, so a reload signs in again. */
const STORAGE_KEY = 'mlightenment.demo-sign-in';
const GUEST = 'guest';

interface DemoUser {
  name: string;
  entityRef: string;
  displayName: string;
  description?: string;
  groups: string[];
}

function groupName(ref: string) {
  return ref.replace(/^group:(default\/)?/, '');
}

/** Forgets the chosen user on sign-out, so the chooser shows again. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

function UserChooser(props: { onChoose: (name: string) => void }) {
  const discoveryApi = useApi(discoveryApiRef);
  const [users, setUsers] = useState<DemoUser[]>();
  const [error, setError] = useState<Error>();
  const [attempt, setAttempt] = useState(0);

  // The backend may still be starting (or the catalog still loading the demo
  // organisation) when the page opens: ask again until the users are there.
  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    (async () => {
      const response = await fetch(
        `${await discoveryApi.getBaseUrl('demo-users')}/`,
      );
      if (!response.ok) {
        throw new Error(`The backend answered ${response.status}`);
      }
      const listed = ((await response.json()) as { users: DemoUser[] }).users;
      if (listed.length === 0) {
        throw new Error('The catalog has not loaded the demo users yet');
      }
      setUsers(listed);
      setError(undefined);
    })().catch(e => {
      setError(e);
      retry = setTimeout(() => setAttempt(n => n + 1), 3000);
    });
    return () => clearTimeout(retry);
  }, [discoveryApi, attempt]);

  return (
    <Page themeId="home">
      <Header
        title="MLightenment demo portal"
        subtitle="Sign in as a person of the demo organisation to see what they may do, or as a guest"
      />
      <Content>
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <Button
              variant="contained"
              color="primary"
              onClick={() => props.onChoose(GUEST)}
            >
              Enter as guest
            </Button>
          </Grid>
          {error && (
            <Grid item xs={12}>
              <WarningPanel
                title="The demo users could not be listed yet; trying again"
                message={error.message}
              />
            </Grid>
          )}
          {!users && (
            <Grid item xs={12}>
              <Progress />
            </Grid>
          )}
          {users?.map(user => (
            <Grid item xs={12} sm={6} md={4} lg={3} key={user.entityRef}>
              <Card style={{ height: '100%' }}>
                <CardActionArea
                  style={{
                    height: '100%',
                    display: 'flex',
                    flexDirection: 'column',
                    alignItems: 'stretch',
                    justifyContent: 'flex-start',
                  }}
                  onClick={() => props.onChoose(user.name)}
                  aria-label={`Sign in as ${user.displayName}`}
                >
                  <CardContent>
                    <Typography variant="h6" component="h2">
                      {user.displayName}
                    </Typography>
                    <Typography variant="body2" color="textSecondary">
                      {user.groups.map(groupName).join(', ')}
                    </Typography>
                    {user.description && (
                      <Typography variant="body2">
                        {user.description}
                      </Typography>
                    )}
                  </CardContent>
                </CardActionArea>
              </Card>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}

/**
 * The demo portal's sign-in page: choose a user of the demo catalog (signed
 * in through the backend's `demo` provider, with that user's group
 * memberships) or enter as a guest. Development only: there is no password.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const [chosen, setChosen] = useState(() => localStorage.getItem(STORAGE_KEY));

  if (!chosen) {
    return (
      <UserChooser
        onChoose={name => {
          localStorage.setItem(STORAGE_KEY, name);
          setChosen(name);
        }}
      />
    );
  }

  const choose = () => {
    localStorage.removeItem(STORAGE_KEY);
    setChosen(null);
  };
  return (
    <ProxiedSignInPage
      provider={chosen === GUEST ? 'guest' : 'demo'}
      headers={chosen === GUEST ? undefined : { [DEMO_USER_HEADER]: chosen }}
      onSignInSuccess={identity =>
        props.onSignInSuccess(forgetOnSignOut(identity))
      }
      ErrorComponent={({ error }) => (
        <Page themeId="home">
          <Header title="MLightenment demo portal" />
          <Content>
            <WarningPanel title={`Could not sign in as ${chosen}`}>
              {error?.message}
            </WarningPanel>
            <Button variant="contained" onClick={choose}>
              Choose someone else
            </Button>
          </Content>
        </Page>
      )}
    />
  );
}

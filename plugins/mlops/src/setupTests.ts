import { configure } from '@testing-library/react';
import '@testing-library/jest-dom';

// Cards are lazy-loaded: on a busy CI machine the first load of a module can
// take seconds, so give findBy*/waitFor and the tests room.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

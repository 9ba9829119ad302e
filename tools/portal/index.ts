export { startPortal, type Portal, type PortalOptions } from './startPortal';

/**
 * Built-in Azure role definitions the infrastructure may assign, by id, with their portal names
 * (learn.microsoft.com/azure/role-based-access-control/built-in-roles). Deliberately absent: Owner, Contributor,
 * User Access Administrator, Azure Service Bus Data Owner, Key Vault Administrator/Secrets Officer, Storage
 * Account Contributor: none of them is least privilege for an app identity.
 */
export const BUILT_IN_ROLES: Readonly<Record<string, string>> = {
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': 'Storage Blob Data Owner',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': 'Storage Blob Data Contributor',
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88': 'Storage Queue Data Contributor',
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3': 'Storage Table Data Contributor',
  '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39': 'Azure Service Bus Data Sender',
  '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0': 'Azure Service Bus Data Receiver',
  '4633458b-17de-408a-b874-0445c86b69e6': 'Key Vault Secrets User',
  '3913510d-42f4-4e42-8a64-420c390055eb': 'Monitoring Metrics Publisher',
  '09976791-48a7-449e-bb21-39d1a415f350': 'Communication and Email Service Owner',
};

/** Cosmos DB data-plane built-in roles (sqlRoleDefinitions of every account). */
export const COSMOS_BUILT_IN_ROLES: Readonly<Record<string, string>> = {
  '00000000-0000-0000-0000-000000000001': 'Cosmos DB Built-in Data Reader',
  '00000000-0000-0000-0000-000000000002': 'Cosmos DB Built-in Data Contributor',
};

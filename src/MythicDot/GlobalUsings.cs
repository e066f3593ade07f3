// The resource namespaces, for the SDK's own code: each public area has its namespace (MythicDot.Chat, ...), as users see them.
global using MythicDot.Chat;
global using MythicDot.Embeddings;
global using MythicDot.Images;
global using MythicDot.Messages;
global using MythicDot.Models;
global using MythicDot.Moderations;
global using MythicDot.Responses;
global using MythicDot.Realtime;
global using MythicDot.Files;
global using MythicDot.Batches;
global using MythicDot.Admin;

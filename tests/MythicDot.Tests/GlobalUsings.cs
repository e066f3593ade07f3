// The SDK's resource namespaces, imported once for every file here.
global using MythicDot.Chat;
global using MythicDot.Embeddings;
global using MythicDot.Images;
global using MythicDot.Moderations;
global using MythicDot.Responses;
global using MythicDot.Messages;
global using MythicDot.Models;
global using MythicDot.Realtime;
global using MythicDot.Files;
global using MythicDot.Batches;
global using MythicDot.Admin;

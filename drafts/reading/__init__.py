"""Reading drafts: safe XML, Akoma Ntoso, and Word and text drafts turned into Akoma Ntoso."""

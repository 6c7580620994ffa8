package base64url

// DecodeTable exposes the generated table to TestDecodeTable.
var DecodeTable = &decodeTable

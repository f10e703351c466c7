grammar Kiln; program : EOF ;

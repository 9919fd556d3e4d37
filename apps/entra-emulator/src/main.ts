console.log("emu")
